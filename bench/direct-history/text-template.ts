/**
 * Text with holes: a recorded text is cut once at every token it contains,
 * and each copy is the literal pieces joined with that copy's values, so a
 * copy costs one concatenation instead of a search through the text.
 */

/** The tokens a template's texts are cut at; slot i holds token i's value in a copy. */
export class TokenTable {
  private readonly slots = new Map<string, number>();
  private readonly tokens: string[] = [];
  private matcher: RegExp | undefined;

  /** The slot of `token`, added when new. */
  add(token: string): number {
    if (token.length === 0) throw new Error('an empty token');
    let slot = this.slots.get(token);
    if (slot === undefined) {
      slot = this.tokens.length;
      this.tokens.push(token);
      this.slots.set(token, slot);
      this.matcher = undefined;
    }
    return slot;
  }

  slotOf(token: string): number | undefined {
    return this.slots.get(token);
  }

  get size(): number {
    return this.tokens.length;
  }

  /** Every token, in slot order. */
  all(): readonly string[] {
    return this.tokens;
  }

  /** Longest tokens first, so a token that contains another is matched whole. */
  pattern(): RegExp {
    if (this.matcher === undefined) {
      const alternatives = [...this.tokens]
        .sort((a, b) => b.length - a.length)
        .map((t) => t.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
      this.matcher = new RegExp(alternatives.join('|'), 'g');
    }
    return this.matcher;
  }
}

/** `parts[0] + values[slots[0]] + parts[1] + … + parts[n]`. */
export interface TextTemplate {
  parts: readonly string[];
  slots: readonly number[];
}

export function compileText(text: string, table: TokenTable): TextTemplate {
  const parts: string[] = [];
  const slots: number[] = [];
  if (table.size === 0) return { parts: [text], slots };
  const pattern = table.pattern();
  pattern.lastIndex = 0;
  let from = 0;
  for (let m = pattern.exec(text); m !== null; m = pattern.exec(text)) {
    parts.push(text.slice(from, m.index));
    slots.push(table.slotOf(m[0])!);
    from = m.index + m[0].length;
  }
  parts.push(text.slice(from));
  return { parts, slots };
}

export function fillText(template: TextTemplate, values: readonly string[]): string {
  const { parts, slots } = template;
  let out = parts[0];
  for (let i = 0; i < slots.length; i++) out += values[slots[i]] + parts[i + 1];
  return out;
}

/** Whether the text holds any token of `kinds` (slot → whether it counts). */
export function usesSlots(template: TextTemplate, counts: (slot: number) => boolean): boolean {
  return template.slots.some(counts);
}
