// The SMTP client engine: smtplib.SMTP / SMTP_SSL / LMTP as SMTPClient, and its helpers.
export { SMTPClient, DEFAULT_PORTS, type SMTPClientOptions, type SMTPProtocol, type RecipientResult, type TransactionResult, type SendOptions } from './client.js';
export { defaultLocalHostname } from './local-name.js';
export { MAXLINE, MAXCHALLENGE, quoteaddr, addrOnly, parseEhloFeatures } from './parse.js';
export { SECRET_MASK } from '../../core/sasl.js';
