// The SMTP message layer: compose a message, derive its envelope as smtplib's
// send_message does, strip Bcc, and summarise received messages for JSON lines.
export { composeMessage, checkHeaderName, checkHeaderValue, type ComposeAttachment, type ComposeOptions, type ComposeSpec } from './compose.js';
export { envelopeOf, hasEightBit, stripBcc, type Envelope, type EnvelopeOverride } from './envelope.js';
export { getaddresses, parseAddressList, type AddressPair } from './addresses.js';
export { summarizeMessage, MAX_NESTING_DEPTH, type MessageSummary, type PartSummary } from './summary.js';
export { MAX_HEADER_BYTES, MAX_HEADER_FIELDS } from './raw-headers.js';
export { HEADER_LINEBREAK_MESSAGE, HeaderValueError, MessageComposeError, MessageFormatError, PyIndexError } from './errors.js';
