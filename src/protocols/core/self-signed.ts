// An ephemeral self-signed X.509 v3 server certificate built in-process (no openssl): a
// fresh EC P-256 (default) or RSA-2048 key from node:crypto, a TBSCertificate encoded with
// ./der.ts, signed with ecdsa-with-SHA256 or sha256WithRSAEncryption. The profile is Go's
// crypto/tls generate_cert.go leaf profile: subjectAltName (DNS and IP), basicConstraints
// CA:FALSE (critical), keyUsage digitalSignature (+keyEncipherment for RSA, critical),
// extendedKeyUsage serverAuth. For `serve http --tls-self-signed`; nothing here prints.
import { createHash, generateKeyPairSync, randomBytes, sign, type KeyObject } from 'node:crypto';
import { isIP } from 'node:net';
import { domainToASCII } from 'node:url';
import {
  derBoolean,
  derExplicit,
  derImplicit,
  derInteger,
  derBitString,
  derNamedBits,
  derNull,
  derOctetString,
  derOid,
  derSequence,
  derSet,
  derTime,
  derUtf8String,
} from './der.js';

export interface SelfSignedOptions {
  /** Subject and issuer CN; default "netkit". */
  commonName?: string;
  /** Extra DNS SANs (added to localhost). */
  dnsNames?: string[];
  /** Extra IP SANs (added to 127.0.0.1 and ::1). */
  ipAddresses?: string[];
  /** Validity after now, in days (1..825, Apple's cap for TLS server certificates); default 30. */
  days?: number;
  /** 'ec' (P-256, default) or 'rsa' (2048 bits). */
  keyType?: 'ec' | 'rsa';
}

export interface SelfSignedCert {
  certPem: string;
  /** PKCS#8 PEM of the private key. */
  keyPem: string;
  /** SHA-256 of the DER certificate, colon-separated upper-case hex (X509Certificate.fingerprint256's format). */
  fingerprint256: string;
}

export const DEFAULT_DNS_NAMES = ['localhost'];
export const DEFAULT_IP_ADDRESSES = ['127.0.0.1', '::1'];
const DEFAULT_DAYS = 30;
const MAX_DAYS = 825;
const BACKDATE_MS = 60 * 60 * 1000;

const OID = {
  commonName: '2.5.4.3',
  ecPublicKey: '1.2.840.10045.2.1',
  ecdsaWithSha256: '1.2.840.10045.4.3.2',
  sha256WithRsa: '1.2.840.113549.1.1.11',
  subjectAltName: '2.5.29.17',
  basicConstraints: '2.5.29.19',
  keyUsage: '2.5.29.15',
  extKeyUsage: '2.5.29.37',
  serverAuth: '1.3.6.1.5.5.7.3.1',
};

/** The 4 or 16 network-order octets of an IPv4 or IPv6 literal (no zone id); throws otherwise. */
export function ipAddressBytes(text: string): Buffer {
  const family = isIP(text);
  if (family === 4) return Buffer.from(text.split('.').map(Number));
  if (family !== 6 || text.includes('%')) throw new RangeError(`not an IP address: ${JSON.stringify(text)}`);
  let s = text;
  let tail: number[] = [];
  const v4 = /(\d+\.\d+\.\d+\.\d+)$/.exec(s);
  if (v4) {
    const b = v4[1]!.split('.').map(Number);
    tail = [(b[0]! << 8) | b[1]!, (b[2]! << 8) | b[3]!];
    s = s.slice(0, -v4[1]!.length) + (s.endsWith('::' + v4[1]) ? '' : '0');
    if (!s.endsWith('::')) s = s.slice(0, -1).replace(/:$/, '');
  }
  const groups = (part: string): number[] => (part === '' ? [] : part.split(':').map((h) => parseInt(h, 16)));
  const want = 8 - tail.length;
  let words: number[];
  const dbl = s.indexOf('::');
  if (dbl >= 0) {
    const head = groups(s.slice(0, dbl));
    const rest = groups(s.slice(dbl + 2));
    words = [...head, ...new Array<number>(want - head.length - rest.length).fill(0), ...rest];
  } else words = groups(s);
  words.push(...tail);
  if (words.length !== 8) throw new RangeError(`not an IP address: ${JSON.stringify(text)}`);
  const out = Buffer.alloc(16);
  words.forEach((w, i) => out.writeUInt16BE(w, i * 2));
  return out;
}

/** A dNSName as IA5 text: IDNs become their A-label (punycode) form; empty or invalid throws. */
function dnsIa5(name: string): string {
  const ascii = /^[\x21-\x7e]+$/.test(name) ? name.toLowerCase() : domainToASCII(name);
  if (!ascii || !/^[\x21-\x7e]+$/.test(ascii)) throw new RangeError(`not a DNS name: ${JSON.stringify(name)}`);
  return ascii;
}

const uniq = <T>(xs: T[]): T[] => [...new Set(xs)];

function extension(oid: string, critical: boolean, value: Buffer): Buffer {
  return derSequence(derOid(oid), ...(critical ? [derBoolean(true)] : []), derOctetString(value));
}

function name(cn: string): Buffer {
  return derSequence(derSet(derSequence(derOid(OID.commonName), derUtf8String(cn))));
}

/** PEM armour with 64-column base64 lines. */
function pem(label: string, der: Buffer): string {
  const lines = der.toString('base64').match(/.{1,64}/g) ?? [];
  return `-----BEGIN ${label}-----\n${lines.join('\n')}\n-----END ${label}-----\n`;
}

/** A positive 16-octet serial number (the high bit cleared, the first octet never zero). */
function serialNumber(): Buffer {
  const b = randomBytes(16);
  b[0] = b[0]! & 0x7f || 0x01;
  return b;
}

/** Makes a fresh key pair and a self-signed certificate for it (see the file header). */
export function makeSelfSignedCert(opts: SelfSignedOptions = {}): SelfSignedCert {
  const keyType = opts.keyType ?? 'ec';
  if (keyType !== 'ec' && keyType !== 'rsa') throw new RangeError(`unknown key type ${String(keyType)}`);
  const days = opts.days ?? DEFAULT_DAYS;
  if (!Number.isFinite(days) || days <= 0 || days > MAX_DAYS) throw new RangeError(`days must be in (0, ${MAX_DAYS}], got ${days}`);
  const commonName = opts.commonName ?? 'netkit';
  if (commonName.length === 0 || commonName.length > 64) throw new RangeError('commonName must be 1..64 characters (RFC 5280 ub-common-name)');
  const dnsNames = uniq([...DEFAULT_DNS_NAMES, ...(opts.dnsNames ?? [])].map(dnsIa5));
  const ipAddresses = uniq([...DEFAULT_IP_ADDRESSES, ...(opts.ipAddresses ?? [])].map((ip) => ipAddressBytes(ip).toString('hex'))).map((h) =>
    Buffer.from(h, 'hex'),
  );

  const { publicKey, privateKey }: { publicKey: KeyObject; privateKey: KeyObject } =
    keyType === 'ec' ? generateKeyPairSync('ec', { namedCurve: 'prime256v1' }) : generateKeyPairSync('rsa', { modulusLength: 2048 });
  const spki = publicKey.export({ type: 'spki', format: 'der' });
  const sigAlg = keyType === 'ec' ? derSequence(derOid(OID.ecdsaWithSha256)) : derSequence(derOid(OID.sha256WithRsa), derNull());

  const nowMs = Math.floor(Date.now() / 1000) * 1000;
  const notBefore = new Date(nowMs - BACKDATE_MS);
  const notAfter = new Date(nowMs + Math.round(days * 86_400) * 1000);

  const generalNames = derSequence(
    ...dnsNames.map((d) => derImplicit(2, Buffer.from(d, 'latin1'))), // dNSName [2] IA5String
    ...ipAddresses.map((ip) => derImplicit(7, ip)), // iPAddress [7] OCTET STRING
  );
  // keyUsage bits: digitalSignature (0), keyEncipherment (2) for RSA key transport.
  const keyUsage = derNamedBits(keyType === 'rsa' ? [0, 2] : [0]);
  const extensions = derSequence(
    extension(OID.subjectAltName, false, generalNames),
    extension(OID.basicConstraints, true, derSequence()), // cA DEFAULT FALSE: empty
    extension(OID.keyUsage, true, keyUsage),
    extension(OID.extKeyUsage, false, derSequence(derOid(OID.serverAuth))),
  );

  const tbs = derSequence(
    derExplicit(0, derInteger(2)), // version v3
    derInteger(serialNumber()),
    sigAlg,
    name(commonName), // issuer
    derSequence(derTime(notBefore), derTime(notAfter)),
    name(commonName), // subject
    spki,
    derExplicit(3, extensions),
  );
  const signature = sign('sha256', tbs, privateKey); // ECDSA: DER Ecdsa-Sig-Value; RSA: PKCS#1 v1.5
  const cert = derSequence(tbs, sigAlg, derBitString(signature));

  const digest = createHash('sha256').update(cert).digest('hex').toUpperCase();
  return {
    certPem: pem('CERTIFICATE', cert),
    keyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }) as string,
    fingerprint256: digest.match(/../g)!.join(':'),
  };
}
