// Writes alipay-bill-20261121.zip: an Alipay trade bill as Alipay serves it, GBK CSVs in a zip,
// written by hand here (not by the emulator) so the parser is tested against the published layout.
// Rows: payments of 0.01, 0.10 and 99999.99 yuan, a refund of the 0.10, and one malformed line
// (three decimals); the footer counts the malformed row as Alipay would have.
// Run: npx tsx lib/payments/alipay/__fixtures__/generate-bill-fixture.ts
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import zlib from "node:zlib";
import iconv from "iconv-lite";

const ACCOUNT = "20880000000000010156";
const HEADER =
  "支付宝交易号,商户订单号,业务类型,商品名称,创建时间,完成时间,门店编号,门店名称,操作员,终端号,对方账户,订单金额（元）,商家实收（元）,支付宝红包（元）,集分宝（元）,支付宝优惠（元）,商家优惠（元）,券核销金额（元）,券名称,商家红包消费金额（元）,卡消费金额（元）,退款批次号/请求号,服务费（元）,分润（元）,备注";

function row(tradeNo: string, orderNo: string, type: string, subject: string, created: string, finished: string, amount: string, refundNo: string, fee: string): string {
  const values = [tradeNo, orderNo, type, subject, created, finished, "", "", "", "", "159****5620", amount, amount, "0.00", "0.00", "0.00", "0.00", "0.00", "", "0.00", "0.00", refundNo, fee, "0.00", ""];
  return values.map((v, i) => (i === 4 ? v : `${v}\t`)).join(",");
}

export const DETAIL = [
  "#支付宝业务明细查询",
  `#账号：[${ACCOUNT}]`,
  "#起始日期：[2026年11月21日 00:00:00]   终止日期：[2026年11月22日 00:00:00]",
  "#-----------------------------------------业务明细列表----------------------------------------",
  HEADER,
  row("2026112122001400000000000001", "F20261121000001", "交易", "读书会报名费", "2026-11-21 09:00:01", "2026-11-21 09:00:30", "0.01", "", "0.00"),
  row("2026112122001400000000000002", "F20261121000002", "交易", "订购单-张三 ", "2026-11-21 10:15:00", "2026-11-21 10:15:42", "0.10", "", "0.00"),
  row("2026112122001400000000000003", "F20261121000003", "交易", "年会赞助", "2026-11-21 11:00:00", "2026-11-21 11:01:05", "99999.99", "", "-600.00"),
  row("2026112122001400000000000004", "F20261121000004", "交易", "缴费单", "2026-11-21 12:00:00", "2026-11-21 12:00:09", "12.345", "", "-0.07"),
  row("2026112122001400000000000002", "F20261121000002", "退款", "订购单-张三 ", "2026-11-21 10:15:00", "2026-11-21 16:20:00", "-0.10", "RF20261121000001", "0.00"),
  "#-----------------------------------------业务明细列表结束------------------------------------",
  "#交易合计：4笔，商家实收共100012.45元，商家优惠共0.00元",
  "#退款合计：1笔，商家实收退款共-0.10元，商家优惠退款共0.00元",
  "#导出时间：[2026年11月22日 09:03:12]",
  "",
].join("\r\n");

const SUMMARY = [
  "#支付宝业务汇总查询",
  `#账号：[${ACCOUNT}]`,
  "#起始日期：[2026年11月21日 00:00:00]   终止日期：[2026年11月22日 00:00:00]",
  "#-----------------------------------------业务汇总列表----------------------------------------",
  "门店编号,门店名称,交易订单总笔数,退款订单总笔数,订单金额（元）,商家实收（元）,支付宝优惠（元）,商家优惠（元）,卡消费金额（元）,服务费（元）,分润（元）,实收净额（元）",
  "\t,\t,4\t,1\t,100012.35\t,100012.35\t,0.00\t,0.00\t,0.00\t,-600.07\t,0.00\t,99412.28\t",
  "合计\t,\t,4\t,1\t,100012.35\t,100012.35\t,0.00\t,0.00\t,0.00\t,-600.07\t,0.00\t,99412.28\t",
  "#----------------------------------------业务汇总列表结束-------------------------------------",
  "#导出时间：[2026年11月22日 09:03:12]",
  "",
].join("\r\n");

/**
 * A zip of deflated entries whose names are GBK bytes with the UTF-8 flag clear, as Alipay's are
 * (zip libraries, fflate included, cannot write such names, hence this small writer).
 */
function gbkZip(entries: { name: string; data: Buffer }[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  // 2026-11-22 09:03:12 in MS-DOS date/time fields.
  const dosTime = (9 << 11) | (3 << 5) | (12 >> 1);
  const dosDate = ((2026 - 1980) << 9) | (11 << 5) | 22;
  for (const entry of entries) {
    const name = iconv.encode(entry.name, "gbk");
    const packed = zlib.deflateRawSync(entry.data);
    const crc = zlib.crc32(entry.data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4); // version needed
    local.writeUInt16LE(0, 6); // flags: bit 11 (UTF-8) clear
    local.writeUInt16LE(8, 8); // deflate
    local.writeUInt16LE(dosTime, 10);
    local.writeUInt16LE(dosDate, 12);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(packed.length, 18);
    local.writeUInt32LE(entry.data.length, 22);
    local.writeUInt16LE(name.length, 26);
    local.writeUInt16LE(0, 28);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    local.copy(central, 8, 6, 30); // flags … extra length are laid out alike
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, packed);
    centrals.push(central, name);
    offset += local.length + name.length + packed.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  const zip = gbkZip([
    { name: `${ACCOUNT}_20261121_业务明细.csv`, data: iconv.encode(DETAIL, "gbk") },
    { name: `${ACCOUNT}_20261121_业务明细(汇总).csv`, data: iconv.encode(SUMMARY, "gbk") },
  ]);
  fs.writeFileSync(path.join(path.dirname(fileURLToPath(import.meta.url)), "alipay-bill-20261121.zip"), zip);
}
