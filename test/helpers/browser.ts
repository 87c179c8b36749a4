/** The benchmark's browser is the tests' browser. */
export { launchBrowser } from '../../src/bench/browser.ts';
