// Verifies the signature of a gateway answer. Pure.
// Alipay signs the `<method>_response` (or `error_response`) value exactly as it appears in the
// raw text: {"alipay_trade_query_response":{…},"sign":"…"}. alipay-sdk's own getSignStr cuts
// that text out with index arithmetic that works only for a real-length signature placed last,
// and it verifies the FIRST `…_response` member while JSON.parse keeps the LAST one: a genuine
// signed answer followed by a second, forged member passes its check. This walks the top level
// of the JSON properly and refuses repeated keys, so the text verified is the text used.
import type crypto from "node:crypto";
import { rsa2Verify } from "./sign";

export type ResponseCheck = { ok: true } | { ok: false; reason: string };

export function verifyResponseSignature(rawBody: string, responseKey: string, alipayPublicKey: crypto.KeyObject): ResponseCheck {
  const members = topLevelMembers(rawBody);
  if (!members) return { ok: false, reason: "应答不是单层键不重复的 JSON 对象" };
  const node = members.get(responseKey) ?? members.get("error_response");
  if (node === undefined) return { ok: false, reason: `应答缺少 ${responseKey}` };
  const signText = members.get("sign");
  if (signText === undefined) return { ok: false, reason: "应答没有签名" };
  let sign: unknown;
  try {
    sign = JSON.parse(signText);
  } catch {
    sign = undefined;
  }
  if (typeof sign !== "string") return { ok: false, reason: "应答的 sign 不是字符串" };
  return rsa2Verify(node, sign, alipayPublicKey) ? { ok: true } : { ok: false, reason: "应答签名验证失败" };
}

/**
 * The raw text of each member value of a top-level JSON object, by decoded key; null when the
 * text is not one object or a key repeats. Values are delimited, not validated: the caller
 * (alipay-sdk) has already JSON.parse'd the same text.
 */
export function topLevelMembers(text: string): Map<string, string> | null {
  const members = new Map<string, string>();
  let i = skipSpace(text, 0);
  if (text[i] !== "{") return null;
  i = skipSpace(text, i + 1);
  if (text[i] === "}") return skipSpace(text, i + 1) === text.length ? members : null;
  for (;;) {
    if (text[i] !== '"') return null;
    const keyEnd = stringEnd(text, i);
    if (keyEnd < 0) return null;
    let key: string;
    try {
      key = JSON.parse(text.slice(i, keyEnd)) as string;
    } catch {
      return null;
    }
    if (members.has(key)) return null;
    i = skipSpace(text, keyEnd);
    if (text[i] !== ":") return null;
    const valueStart = skipSpace(text, i + 1);
    const valueEnd = valueEndAt(text, valueStart);
    if (valueEnd < 0) return null;
    members.set(key, text.slice(valueStart, valueEnd));
    i = skipSpace(text, valueEnd);
    if (text[i] === ",") {
      i = skipSpace(text, i + 1);
      continue;
    }
    if (text[i] === "}") return skipSpace(text, i + 1) === text.length ? members : null;
    return null;
  }
}

function skipSpace(text: string, i: number): number {
  while (i < text.length && (text[i] === " " || text[i] === "\t" || text[i] === "\n" || text[i] === "\r")) i++;
  return i;
}

/** Index just past the string starting at `start` (a quote); -1 if unterminated. */
function stringEnd(text: string, start: number): number {
  for (let i = start + 1; i < text.length; i++) {
    if (text[i] === "\\") i++;
    else if (text[i] === '"') return i + 1;
  }
  return -1;
}

/** Index just past the value starting at `start`; -1 if it does not end. */
function valueEndAt(text: string, start: number): number {
  const first = text[start];
  if (first === '"') return stringEnd(text, start);
  if (first === "{" || first === "[") {
    let depth = 0;
    for (let i = start; i < text.length; i++) {
      const c = text[i];
      if (c === '"') {
        const end = stringEnd(text, i);
        if (end < 0) return -1;
        i = end - 1;
      } else if (c === "{" || c === "[") depth++;
      else if (c === "}" || c === "]") {
        depth--;
        if (depth === 0) return i + 1;
      }
    }
    return -1;
  }
  // true, false, null, a number: up to the next delimiter.
  let i = start;
  while (i < text.length && !",}] \t\n\r".includes(text[i])) i++;
  return i > start ? i : -1;
}
