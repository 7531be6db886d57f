// The source a sign-in throttle counts against. An IPv4 address is one source; an IPv6 address
// counts by its /64, since one subscriber is usually handed a whole /64 and could otherwise
// rotate through addresses for fresh tries.
import { isIPv6 } from "node:net";

const MAX_KEY_CHARS = 64;

export function addressBucket(ip: string): string {
  if (!isIPv6(ip)) return ip.slice(0, MAX_KEY_CHARS);
  return `${ipv6Groups(ip).slice(0, 4).join(":")}::/64`;
}

/** The eight 16-bit groups of a valid IPv6 address, "::" expanded, without leading zeros. */
function ipv6Groups(ip: string): string[] {
  const [head, tail] = ip.toLowerCase().split("::");
  const toGroups = (part: string | undefined) => (part ? part.split(":") : []);
  const left = toGroups(head);
  const right = toGroups(tail);
  // An embedded IPv4 tail ("::ffff:1.2.3.4") fills the last two groups.
  const last = right.length ? right : left;
  if (last.length && last[last.length - 1].includes(".")) {
    const [a, b, c, d] = last.pop()!.split(".").map(Number);
    last.push(((a << 8) | b).toString(16), ((c << 8) | d).toString(16));
  }
  const missing = tail === undefined ? 0 : 8 - left.length - right.length;
  return [...left, ...Array<string>(missing).fill("0"), ...right].map((g) => parseInt(g, 16).toString(16));
}
