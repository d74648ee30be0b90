import type { Platform } from './messenger';
import type { CardView } from '../views/card-view';

/** A button as it was on a card: the action it names and its exact payload. */
export interface BoundButton {
  action: string;
  payload: Record<string, string>;
}

/** A form field as the card showed it: what the server accepts for it. */
export interface BoundField {
  name: string;
  label: string;
  /** Longest accepted value, in characters (the form's own `maxLength`, else a default). */
  maxLength: number;
  /** For a select: the values offered. */
  options?: string[];
}

export interface BoundForm {
  submit: BoundButton;
  fields: BoundField[];
}

/**
 * Everything a person could click or submit on one card message, over its life: a card
 * replaced in place keeps its earlier controls too, so a click from a client still showing the
 * old card reaches its use case, which answers with the current state (never anything the card
 * did not carry).
 */
export interface CardControls {
  buttons: BoundButton[];
  forms: BoundForm[];
}

/**
 * The controls of every card the bot shows, by the platform's message id: recorded when the card
 * is sent or replaced, and checked when a click or a form submit arrives, so a payload must be
 * one the card really carried (a button of draw 1's card cannot name draw 7) and a form value
 * must fit the field it was typed in. Outside any unit of work: one short statement each.
 */
export interface CardBindings {
  /** Adds the card's controls to those recorded for the message. */
  record(platform: Platform, messageId: string, card: CardView): Promise<void>;
  controls(platform: Platform, messageId: string): Promise<CardControls | undefined>;
}
