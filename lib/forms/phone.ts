// Mainland mobile numbers as payers write them: "+86 138 0013 8000", "138-0013-8000",
// "(0086)13800138000", full-width "１３８００１３８０００". Used by the server's validation and
// by the form page on blur, so what is stored (and searched) is always 11 plain digits.

/** Full-width digits and signs to ASCII, then separators and a leading +86 / 0086 / 86 dropped. */
export function normalisePhone(raw: string): string {
  const ascii = raw.replace(/[\uFF01-\uFF5E]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)).replace(/\u3000/g, " ");
  const compact = ascii.replace(/[\s\-.()（）]/g, "");
  const withoutCountry = compact.replace(/^(?:\+86|0086|86)(?=1\d{10}$)/, "");
  return withoutCountry;
}

export const MAINLAND_MOBILE = /^1[3-9]\d{9}$/;
