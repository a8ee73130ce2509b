// Special-purpose address blocks, as data. is_private / is_global follow CPython 3.13's
// tables (the CVE-2024-4032 fix, from the IANA IPv4 and IPv6 Special-Purpose Address
// Registries, RFC 6890); every other block is the one CPython 3.11 uses. address.ts
// compiles these strings once into integer ranges.

/** IPv4 blocks that are not globally reachable (3.13 `_IPv4Constants._private_networks`). */
export const IPV4_PRIVATE: readonly string[] = [
  '0.0.0.0/8', // "This network", RFC 791 §3.2
  '10.0.0.0/8', // Private-Use, RFC 1918
  '127.0.0.0/8', // Loopback, RFC 1122 §3.2.1.3
  '169.254.0.0/16', // Link Local, RFC 3927
  '172.16.0.0/12', // Private-Use, RFC 1918
  '192.0.0.0/24', // IETF Protocol Assignments, RFC 6890 §2.2.2 (3.11 had only /29)
  '192.0.0.170/31', // NAT64/DNS64 Discovery, RFC 7050 §2.2
  '192.0.2.0/24', // Documentation (TEST-NET-1), RFC 5737
  '192.168.0.0/16', // Private-Use, RFC 1918
  '198.18.0.0/15', // Benchmarking, RFC 2544
  '198.51.100.0/24', // Documentation (TEST-NET-2), RFC 5737
  '203.0.113.0/24', // Documentation (TEST-NET-3), RFC 5737
  '240.0.0.0/4', // Reserved, RFC 1112 §4
  '255.255.255.255/32', // Limited Broadcast, RFC 8190, RFC 919 §7
];

/** Globally reachable holes inside IPV4_PRIVATE (3.13 `_private_networks_exceptions`). */
export const IPV4_PRIVATE_EXCEPTIONS: readonly string[] = [
  '192.0.0.9/32', // Port Control Protocol Anycast, RFC 7723
  '192.0.0.10/32', // Traversal Using Relays around NAT Anycast, RFC 8155
];

/** Shared Address Space: neither private nor global, RFC 6598. */
export const IPV4_SHARED = '100.64.0.0/10';
/** is_reserved: the former Class E space, RFC 1112 §4. */
export const IPV4_RESERVED = '240.0.0.0/4';
/** is_loopback, RFC 1122 §3.2.1.3 (CPython cites RFC 3330). */
export const IPV4_LOOPBACK = '127.0.0.0/8';
/** is_link_local, RFC 3927. */
export const IPV4_LINK_LOCAL = '169.254.0.0/16';
/** is_multicast, RFC 3171 (now RFC 5771). */
export const IPV4_MULTICAST = '224.0.0.0/4';

/** IPv6 blocks that are not globally reachable (3.13 `_IPv6Constants._private_networks`). */
export const IPV6_PRIVATE: readonly string[] = [
  '::1/128', // Loopback Address, RFC 4291 §2.5.3
  '::/128', // Unspecified Address, RFC 4291 §2.5.2
  '::ffff:0:0/96', // IPv4-mapped Address, RFC 4291 §2.5.5.2
  '64:ff9b:1::/48', // IPv4-IPv6 Translat. (local-use), RFC 8215
  '100::/64', // Discard-Only Address Block, RFC 6666
  '2001::/23', // IETF Protocol Assignments, RFC 2928
  '2001:db8::/32', // Documentation, RFC 3849
  '2002::/16', // 6to4, RFC 3056 (IANA: N/A; CPython treats it as not global)
  'fc00::/7', // Unique-Local, RFC 4193
  'fe80::/10', // Link-Local Unicast, RFC 4291 §2.5.6
];

/** Globally reachable holes inside IPV6_PRIVATE (3.13 `_private_networks_exceptions`). */
export const IPV6_PRIVATE_EXCEPTIONS: readonly string[] = [
  '2001:1::1/128', // Port Control Protocol Anycast, RFC 7723
  '2001:1::2/128', // Traversal Using Relays around NAT Anycast, RFC 8155
  '2001:3::/32', // AMT, RFC 7450
  '2001:4:112::/48', // AS112-v6, RFC 7535
  '2001:20::/28', // ORCHIDv2, RFC 7343
  '2001:30::/28', // Drone Remote ID Protocol Entity Tags (DETs), RFC 9374
];

/** is_reserved: the blocks RFC 4291 §2.4 leaves unassigned (same in 3.11 and 3.13). */
export const IPV6_RESERVED: readonly string[] = [
  '::/8', // RFC 4291 §2.4, "Reserved by IETF"
  '100::/8', // RFC 4291 §2.4
  '200::/7', // RFC 4048
  '400::/6', // RFC 4291 §2.4
  '800::/5', // RFC 4291 §2.4
  '1000::/4', // RFC 4291 §2.4
  '4000::/3', // RFC 4291 §2.4
  '6000::/3', // RFC 4291 §2.4
  '8000::/3', // RFC 4291 §2.4
  'a000::/3', // RFC 4291 §2.4
  'c000::/3', // RFC 4291 §2.4
  'e000::/4', // RFC 4291 §2.4
  'f000::/5', // RFC 4291 §2.4
  'f800::/6', // RFC 4291 §2.4
  'fe00::/9', // RFC 4291 §2.4
];

/** is_link_local, RFC 4291 §2.5.6. */
export const IPV6_LINK_LOCAL = 'fe80::/10';
/** is_site_local (deprecated by RFC 3879), RFC 3513 §2.5.6. */
export const IPV6_SITE_LOCAL = 'fec0::/10';
/** is_multicast, RFC 4291 §2.7. */
export const IPV6_MULTICAST = 'ff00::/8';
