import type { ActionName } from '../commands/table';

/**
 * Messenger-neutral card view model: plain data, one per screen. The Feishu adapter renders
 * it as card JSON 2.0, DingTalk as its card, the local chat as HTML. No platform field here.
 */
export interface CardView {
  /** Stable id of what the card shows (e.g. `task:42`), used to find and update it later. */
  key: string;
  title: string;
  /** Header colour intent. */
  tone: 'info' | 'success' | 'warning' | 'danger' | 'neutral';
  sections: CardSection[];
  /** Buttons outside any form. */
  actions?: CardButton[];
  form?: CardForm;
}

export type CardSection =
  | { type: 'text'; text: string }
  | { type: 'fields'; fields: Array<{ label: string; value: string }> }
  | { type: 'list'; title?: string; items: string[] }
  | { type: 'table'; columns: string[]; rows: string[][] }
  | { type: 'chart'; chart: ChartSpec }
  | { type: 'divider' };

/** A simple chart: bars or a pie over labelled values. */
export interface ChartSpec {
  kind: 'bar' | 'pie';
  title: string;
  /**
   * With `series` (bars only), a grouped bar chart: the values of one label stand side by side,
   * one bar per series (目标, 已抽取, …), series in the order they first appear.
   */
  data: Array<{ label: string; value: number; series?: string }>;
}

/** A button's `action` names an entry of the command table; `payload` carries its arguments (strings only). */
export interface CardButton {
  label: string;
  style?: 'primary' | 'default' | 'danger';
  action: ActionName;
  payload: Record<string, string>;
}

export interface CardForm {
  name: string;
  fields: FormField[];
  submit: CardButton;
}

export type FormField =
  | { type: 'input'; name: string; label: string; required: boolean; multiline?: boolean; maxLength?: number; placeholder?: string }
  | { type: 'select'; name: string; label: string; required: boolean; options: Array<{ value: string; label: string }>; initial?: string }
  | { type: 'date'; name: string; label: string; required: boolean };
