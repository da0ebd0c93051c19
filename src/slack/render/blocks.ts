/**
 * The few Block Kit shapes iranpak sends, as plain data, with small constructors. Texts given to
 * the constructors are mrkdwn that the caller has already escaped (see mrkdwn.ts).
 */

export interface MrkdwnText {
  type: "mrkdwn";
  text: string;
  /** Slack must not turn bare names or urls into links or mentions. */
  verbatim: true;
}

export interface PlainText {
  type: "plain_text";
  text: string;
  emoji?: boolean;
}

export interface SectionBlock {
  type: "section";
  text?: MrkdwnText;
  fields?: MrkdwnText[];
}

export interface ContextBlock {
  type: "context";
  elements: MrkdwnText[];
}

export interface ButtonElement {
  type: "button";
  action_id: string;
  text: PlainText;
  value: string;
  style?: "primary" | "danger";
}

export interface ActionsBlock {
  type: "actions";
  elements: ButtonElement[];
}

export interface HeaderBlock {
  type: "header";
  text: PlainText;
}

export interface DividerBlock {
  type: "divider";
}

export type Block = SectionBlock | ContextBlock | ActionsBlock | HeaderBlock | DividerBlock;

/** A message as chat.postMessage, chat.postEphemeral and response_url take it. */
export interface SlackMessage {
  /** Fallback for notifications and screen readers; Slack reads it as mrkdwn, so escaped too. */
  text: string;
  blocks: Block[];
}

export function mrkdwn(text: string): MrkdwnText {
  return { type: "mrkdwn", text, verbatim: true };
}

export function section(text: string): SectionBlock {
  return { type: "section", text: mrkdwn(text) };
}

export function context(...texts: string[]): ContextBlock {
  return { type: "context", elements: texts.map(mrkdwn) };
}

/** A header shows plain text: no escaping needed, and nothing in it can ping. */
export function header(text: string): HeaderBlock {
  return { type: "header", text: { type: "plain_text", text, emoji: true } };
}

export function divider(): DividerBlock {
  return { type: "divider" };
}

export function button(actionId: string, label: string, value: string): ButtonElement {
  return { type: "button", action_id: actionId, text: { type: "plain_text", text: label }, value };
}

export function actions(...buttons: ButtonElement[]): ActionsBlock {
  return { type: "actions", elements: buttons };
}
