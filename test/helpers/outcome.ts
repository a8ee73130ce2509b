// What a call gives, as a table cell: its str(), or ['ERR', exception name, message].
export type Outcome = string | [string, string, string];

export function outcome(f: () => unknown): Outcome {
  try {
    return String(f());
  } catch (e) {
    const err = e as Error;
    return ['ERR', err.name, err.message];
  }
}
