import { getDb } from "@/db/client";
import { getFormBySlug, insertForm } from "@/db/queries/forms";
import { DEMO_FORM } from "./demo-form";

/** Puts the demo form into a database that has none (a fresh clone's first start). */
export function seedDemoForm(): void {
  const db = getDb();
  if (getFormBySlug(db, DEMO_FORM.slug)) return;
  const now = Date.now();
  insertForm(db, {
    slug: DEMO_FORM.slug,
    title: DEMO_FORM.title,
    description: DEMO_FORM.description,
    status: "published",
    definitionJson: JSON.stringify(DEMO_FORM.definition),
    createdAt: now,
    updatedAt: now,
  });
}
