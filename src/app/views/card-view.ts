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
  /** A web page to open (the manual); a relative `url` is a path on the bot's own address. */
  | { type: 'link'; text: string; url: string }
  /** Text meant to be copied elsewhere as it is (e.g. into 国家企业信用信息公示系统): shown verbatim, with a copy button where the platform has one. */
  | { type: 'copy'; label: string; text: string }
  | { type: 'divider' };

/**
 * A simple chart: bars or a pie over labelled values. Bars whose data name a `series` stand in
 * groups, one group per label and one bar per series, with a legend (e.g. 任务 / 已检查 / 按时公示
 * for each industry).
 */
export interface ChartSpec {
  kind: 'bar' | 'pie';
  title: string;
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

/** `initial`: the value shown when the form opens (what was entered before, on a form shown again). */
export type FormField =
  | { type: 'input'; name: string; label: string; required: boolean; multiline?: boolean; maxLength?: number; placeholder?: string; initial?: string }
  | { type: 'select'; name: string; label: string; required: boolean; options: Array<{ value: string; label: string }>; initial?: string }
  | { type: 'date'; name: string; label: string; required: boolean; initial?: string };
