declare namespace App {
  interface Locals {
    /** Who is asking, set by the middleware from the session: read paths take the clearance from here. */
    visitor: import('./access/visitor.ts').Visitor;
    /** The interface's language, from the path (English under /en/), set by the middleware. */
    locale: import('./i18n/index.ts').Locale;
  }
}
