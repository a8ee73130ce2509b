// uuid3/uuid5 against CPython 3.11 (fixtures/uuid-name.json): the four namespaces by name
// (@dns...) and as text, random namespaces in any spelling uuid.UUID() takes, and names
// empty, ASCII, long, BMP, astral and with control characters; CPython's own vectors.
import { resolveNamespace, uuid3, uuid5 } from '../../src/protocols/uuid/generate.js';
import { conformance, errorOutcome, loadFixture, type Fixture } from './conformance.js';

interface NameCase {
  tag: string;
  namespace: string;
  name: string;
  uuid3: string;
  uuid5: string;
}

const fixture = loadFixture<Fixture<NameCase>>('uuid-name.json');

conformance('uuid3/uuid5', fixture.cases, (c) => {
  let actual: unknown;
  try {
    const ns = resolveNamespace(c.namespace);
    actual = { uuid3: uuid3(ns, c.name).toString(), uuid5: uuid5(ns, c.name).toString() };
  } catch (err) {
    actual = errorOutcome(err);
  }
  return { input: { namespace: c.namespace, name: c.name }, expected: { uuid3: c.uuid3, uuid5: c.uuid5 }, actual };
});
