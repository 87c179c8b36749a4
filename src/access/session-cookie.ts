/** The session cookie's name (astro.config.mjs names it too): what tells a signed-in request apart. */
export const SESSION_COOKIE = 'vankho-session';
