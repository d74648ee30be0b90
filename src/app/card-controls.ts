/**
 * Which clicks and form submits a card allows (see ports/card-bindings.ts): derived from the card
 * view when it is shown, checked when the click comes back. Pure.
 */
import type { BoundButton, BoundForm, CardControls } from './ports/card-bindings';
import type { CardView, FormField } from './views/card-view';

/** A text field without a `maxLength` of its own accepts this many characters. */
export const DEFAULT_FIELD_MAX_LENGTH = 2000;

function lengthOf(field: FormField): number {
  if (field.type === 'input') return field.maxLength ?? DEFAULT_FIELD_MAX_LENGTH;
  if (field.type === 'date') return 10;
  return Math.max(0, ...field.options.map((o) => o.value.length));
}

export function controlsOf(card: CardView): CardControls {
  return {
    buttons: (card.actions ?? []).map((b) => ({ action: b.action, payload: { ...b.payload } })),
    forms: card.form
      ? [
          {
            submit: { action: card.form.submit.action, payload: { ...card.form.submit.payload } },
            fields: card.form.fields.map((f) => ({
              name: f.name,
              label: f.label,
              maxLength: lengthOf(f),
              ...(f.type === 'select' ? { options: f.options.map((o) => o.value) } : {}),
            })),
          },
        ]
      : [],
  };
}

/** At most this many buttons and forms are kept per message (the newest). */
const KEPT = 100;
const keyOf = (b: BoundButton) => JSON.stringify([b.action, Object.entries(b.payload).sort()]);

/** The controls of a message whose card was replaced: the new card's, then the earlier ones not repeated. */
export function mergeControls(earlier: CardControls | undefined, next: CardControls): CardControls {
  if (!earlier) return next;
  const buttons = new Map<string, BoundButton>();
  for (const b of [...next.buttons, ...earlier.buttons]) if (!buttons.has(keyOf(b))) buttons.set(keyOf(b), b);
  const forms = new Map<string, BoundForm>();
  for (const f of [...next.forms, ...(earlier.forms ?? [])]) if (!forms.has(keyOf(f.submit))) forms.set(keyOf(f.submit), f);
  return { buttons: [...buttons.values()].slice(0, KEPT), forms: [...forms.values()].slice(0, KEPT) };
}

function samePayload(a: Record<string, string>, b: Record<string, string>): boolean {
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((k) => Object.hasOwn(b, k) && a[k] === b[k]);
}

const matches = (button: BoundButton, action: string, payload: Record<string, string>) => button.action === action && samePayload(button.payload, payload);

export const STALE_CARD = '这张卡片已失效或不是机器人发出的卡片，请重新发送命令获取最新卡片。';
export const FORGED_BUTTON = '按钮与这张卡片不符，操作未执行。请使用卡片上的按钮，或重新发送命令获取最新卡片。';

/**
 * Why a click or form submit does not belong to its card, in Chinese, or undefined when it does:
 * the action and payload must be exactly one of the card's buttons (or its form's submit), and
 * each form value one of the form's fields, no longer than it allows, one of its options.
 */
export function clickRefusal(
  controls: CardControls | undefined,
  click: { action: string; payload: Record<string, string>; values?: Record<string, string> },
): string | undefined {
  if (!controls) return STALE_CARD;
  const values = click.values ?? {};
  const form = controls.forms.find((f) => matches(f.submit, click.action, click.payload));
  if (!form) {
    if (!controls.buttons.some((b) => matches(b, click.action, click.payload))) return FORGED_BUTTON;
    return Object.keys(values).length ? FORGED_BUTTON : undefined;
  }
  for (const [name, value] of Object.entries(values)) {
    const field = form.fields.find((f) => f.name === name);
    if (!field) return FORGED_BUTTON;
    if (field.options && value !== '' && !field.options.includes(value)) return `「${field.label}」的选项无效，请在卡片上重新选择。`;
    const length = [...value].length;
    if (length > field.maxLength) return `「${field.label}」不超过 ${field.maxLength} 字（现为 ${length} 字），请精简后重新提交。`;
  }
  return undefined;
}
