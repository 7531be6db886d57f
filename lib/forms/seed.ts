import { getDb } from "@/db/client";
import { getFormBySlug, insertForm } from "@/db/queries/forms";
import { DEMO_FORM } from "./demo-form";

/** Puts the demo form into a database that has none (a fresh clone's first start). */
export async function seedDemoForm(): Promise<void> {
  const db = getDb();
  if (await getFormBySlug(db, DEMO_FORM.slug)) return;
  const now = Date.now();
  try {
    await insertForm(db, {
      slug: DEMO_FORM.slug,
      title: DEMO_FORM.title,
      description: DEMO_FORM.description,
      status: "published",
      definitionJson: JSON.stringify(DEMO_FORM.definition),
      createdAt: now,
      updatedAt: now,
    });
  } catch (error) {
    // Two processes starting at once: the other one seeded it first (the slug is unique).
    if (!(await getFormBySlug(db, DEMO_FORM.slug))) throw error;
  }
}
