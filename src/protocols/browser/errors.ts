// The errors the browser engine throws: webbrowser.Error (no runnable browser, unknown
// --browser name) and the ValueError that refuses an unsafe URL.
import { NetkitError } from '../core/errors.js';

/** Python's webbrowser.Error. */
export class BrowserError extends NetkitError {
  override name = 'webbrowser.Error';
  constructor(message = 'could not locate runnable browser') {
    super(message, { code: 'ERR_NO_BROWSER', python: 'webbrowser.Error', kind: 'failure' });
  }
}

/** ValueError("Invalid URL: ...") of gh-143930, and netkit's refusal of control characters: a usage error. */
export class InvalidURLError extends NetkitError {
  override name = 'ValueError';
  constructor(message: string) {
    super(message, { code: 'ERR_INVALID_URL', python: 'ValueError', kind: 'usage' });
  }
}

/** An OSError Python lets escape webbrowser.open (a UnixBrowser whose command cannot be started). */
export class BrowserOSError extends NetkitError {
  override name = 'OSError';
  constructor(message: string, python: string) {
    super(message, { code: 'ERR_BROWSER_SPAWN', python, kind: 'failure' });
  }
}
