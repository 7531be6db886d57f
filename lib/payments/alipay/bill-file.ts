// The bill zip Alipay serves → the decoded text of its 业务明细 file. Pure.
// The zip holds GBK-encoded CSVs, <pid>0156_<yyyyMMdd>_业务明细.csv and …_业务明细(汇总).csv; the
// entry names themselves are GBK without the zip's UTF-8 flag (fflate then hands them over as
// Latin-1), or UTF-8 from other tools: both are read.
import { unzipSync } from "fflate";
import iconv from "iconv-lite";

export const MAX_BILL_ENTRY_BYTES = 64 * 1024 * 1024;

export class BillFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "BillFileError";
  }
}

/** A Latin-1 string whose "characters" are really GBK bytes → the real name. */
function entryName(name: string): string {
  const looksLikeRawBytes = /[\u0080-\u00ff]/.test(name) && !/[^\u0000-\u00ff]/.test(name);
  return looksLikeRawBytes ? iconv.decode(Buffer.from(name, "latin1"), "gbk") : name;
}

export function detailCsvFromZip(zip: Uint8Array): { name: string; text: string } {
  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(zip, {
      filter(file) {
        // Checked before inflating: a small download must not unpack into gigabytes.
        if (file.originalSize > MAX_BILL_ENTRY_BYTES) throw new BillFileError(`账单压缩包中的文件过大（${file.originalSize} 字节）`);
        return true;
      },
    });
  } catch (error) {
    if (error instanceof BillFileError) throw error;
    throw new BillFileError(`账单文件不是有效的 zip：${error instanceof Error ? error.message.slice(0, 100) : String(error).slice(0, 100)}`);
  }
  const entries = Object.entries(files).map(([name, bytes]) => ({ name: entryName(name), bytes }));
  const byName = entries.filter((e) => e.name.endsWith(".csv") && e.name.includes("业务明细") && !e.name.includes("汇总"));
  if (byName.length > 1) throw new BillFileError(`账单压缩包中有多个业务明细文件：${byName.map((e) => e.name).join("、").slice(0, 200)}`);
  const decoded = entries.map((e) => ({ name: e.name, text: iconv.decode(Buffer.from(e.bytes), "gbk") }));
  const found = byName.length === 1 ? decoded.find((d) => d.name === byName[0].name)! : decoded.find((d) => /业务明细列表/.test(d.text) && !/汇总列表/.test(d.text));
  if (!found) throw new BillFileError(`账单压缩包中没有业务明细文件（有：${entries.map((e) => e.name).join("、").slice(0, 200) || "无"}）`);
  // GBK decoding never fails, it substitutes: a file in another encoding shows up here instead.
  if (!found.text.includes("业务明细列表")) throw new BillFileError(`${found.name} 解码后没有“业务明细列表”：编码可能不是 GBK`);
  return found;
}
