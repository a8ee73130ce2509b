// The two ValueError subclasses of Python's ipaddress module. Both are ValueErrors, so
// `ip_address()` and friends (which catch them) and callers that catch ValueError agree.
import { PyValueError } from '../core/errors.js';

/** ipaddress.AddressValueError: the text is not a valid address of the family tried. */
export class AddressValueError extends PyValueError {
  override name = 'AddressValueError';
  override readonly python: string = 'ipaddress.AddressValueError';
  constructor(message: string) {
    super(message, 'ERR_ADDRESS_VALUE');
  }
}

/** ipaddress.NetmaskValueError: the part after '/' is not a valid prefix length or mask. */
export class NetmaskValueError extends PyValueError {
  override name = 'NetmaskValueError';
  override readonly python: string = 'ipaddress.NetmaskValueError';
  constructor(message: string) {
    super(message, 'ERR_NETMASK_VALUE');
  }
}
