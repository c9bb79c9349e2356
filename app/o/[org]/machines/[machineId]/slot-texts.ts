import { createTranslator, type useTranslations } from "next-intl";
import machinesEn from "~/server/i18n/messages/en/machines.json";

/** The planogram editor's own problem messages, in the reader's language (`useTranslations("machines.editor.problems")`). */
export type SlotTexts = ReturnType<typeof useTranslations<"machines.editor.problems">>;

/** The same messages in English, for checks that run outside a page. */
export const englishSlotTexts: SlotTexts = createTranslator({ locale: "en", messages: { machines: machinesEn }, namespace: "machines.editor.problems" });
