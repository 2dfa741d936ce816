import { lookup } from 'node:dns/promises';
import { BlockList, isIP } from 'node:net';

// Webhooks go to the internet, not into the network the server runs in: a subscription's URL may
// not point, or resolve, to a loopback, private, link-local or otherwise special address (SSRF),
// unless WEBHOOK_ALLOW_PRIVATE_NETWORKS is set (a receiver inside the province's own network).

const SPECIAL = new BlockList();
for (const [net, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
] as const) {
  SPECIAL.addSubnet(net, prefix, 'ipv4');
}
for (const [net, prefix] of [
  ['::', 128],
  ['::1', 128],
  ['fc00::', 7],
  ['fe80::', 10],
  ['ff00::', 8],
  ['64:ff9b::', 96],
] as const) {
  SPECIAL.addSubnet(net, prefix, 'ipv6');
}

/** Whether an IP address is loopback, private, link-local, multicast or otherwise not public. */
export const isSpecialAddress = (address: string): boolean => {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return SPECIAL.check(mapped[1]!, 'ipv4');
  const family = isIP(address);
  if (family === 0) return true;
  return SPECIAL.check(address, family === 4 ? 'ipv4' : 'ipv6');
};

/**
 * Why a webhook URL may not be called (its host is, or resolves to, a special address), or null.
 * A host that does not resolve now is let through: it is checked again before every delivery.
 */
export const specialTargetProblem = async (url: string): Promise<string | null> => {
  let host: string;
  try {
    host = new URL(url).hostname.replace(/^\[|\]$/g, '');
  } catch {
    return 'the URL is not valid';
  }
  let addresses: string[];
  if (isIP(host) !== 0) addresses = [host];
  else {
    try {
      addresses = (await lookup(host, { all: true, verbatim: true })).map((a) => a.address);
    } catch {
      return null;
    }
  }
  const special = addresses.find(isSpecialAddress);
  return special === undefined
    ? null
    : `${host} is a loopback, private or link-local address (${special}); webhooks go to public addresses`;
};
