// The amount to charge, computed on the server from the definition and the answers. A fixed price
// or an item price from the browser is never trusted; a typed amount is checked against min/max.
// (A typed amount that is not a positive integer never gets here: createOrderBody refuses it for
// every form, so a fixed-price form cannot be sent amountFen: -100 and have it silently ignored.)
import { MAX_FEN, toYuan } from "@/lib/money";
import type { FieldError, ItemQuantities, Answers } from "./validate-answers";
import { paymentField, type FormDefinition } from "./definition";
import { ownValue } from "./own";

export interface PricedLine {
  itemId: string;
  name: string;
  unitFen: number;
  quantity: number;
  subtotalFen: number;
}

export type Pricing =
  | { ok: true; amountFen: number; lines: PricedLine[] }
  | { ok: false; errors: FieldError[] };

export function priceSubmission(def: FormDefinition, answers: Answers, typedAmountFen: unknown): Pricing {
  const field = paymentField(def);
  if (!field) return { ok: true, amountFen: 0, lines: [] };
  const config = field.payment;
  switch (config.mode) {
    case "fixed":
      return { ok: true, amountFen: config.amountFen, lines: [] };
    case "custom": {
      if (typeof typedAmountFen !== "number" || !Number.isSafeInteger(typedAmountFen)) {
        return { ok: false, errors: [{ field: field.id, issue: `请填写${field.label}金额` }] };
      }
      if (typedAmountFen < config.minFen || typedAmountFen > config.maxFen) {
        return {
          ok: false,
          errors: [{ field: field.id, issue: `金额应在 ${toYuan(config.minFen)} 元到 ${toYuan(config.maxFen)} 元之间` }],
        };
      }
      return { ok: true, amountFen: typedAmountFen, lines: [] };
    }
    case "items": {
      const quantities = ownValue(answers, field.id) as ItemQuantities | undefined;
      const lines: PricedLine[] = [];
      for (const item of config.items) {
        const quantity = ownValue(quantities, item.id) ?? 0;
        if (quantity > 0) {
          lines.push({ itemId: item.id, name: item.name, unitFen: item.priceFen, quantity, subtotalFen: item.priceFen * quantity });
        }
      }
      const amountFen = lines.reduce((sum, line) => sum + line.subtotalFen, 0);
      if (amountFen <= 0) return { ok: false, errors: [{ field: field.id, issue: `请至少选择一件${field.label}` }] };
      if (amountFen > MAX_FEN) return { ok: false, errors: [{ field: field.id, issue: "金额超出上限" }] };
      return { ok: true, amountFen, lines };
    }
  }
}

