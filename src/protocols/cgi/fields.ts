// The fields of a parsed request in order, flattened for printing: query and urlencoded
// pairs, multipart values and uploads, with nested parts (multipart/mixed) named after
// their enclosing part when they have no name of their own; a non-form body is one
// unnamed field.
import type { FieldPart, FormItem } from './field-storage.js';

export interface FormField {
  name: string | null;
  /** The value, for everything but uploads. */
  value?: string;
  /** The upload (a part with a filename). */
  part?: FieldPart;
}

function* leaves(item: FormItem, inherited: string | null): Generator<FormField> {
  if (item.kind === 'mini') {
    yield { name: item.name, value: item.value };
    return;
  }
  const name = item.name ?? inherited;
  if (item.list !== null) for (const sub of item.list) yield* leaves(sub, name);
  else if (item.bytes !== null) yield { name, part: item };
  else if (item.text !== null) yield { name, value: item.text };
}

export function formFields(form: FieldPart): FormField[] {
  return [...leaves(form, null)];
}
