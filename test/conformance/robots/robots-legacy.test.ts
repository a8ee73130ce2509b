// netkit's --legacy robots engine against CPython 3.11's urllib.robotparser
// (fixtures/robots-legacy.json from generate.py): can_fetch, crawl_delay, request_rate and
// site_maps for CPython's own test cases, hand-picked quirks and random files.
import { conformance, errorOutcome, loadFixture, type Fixture } from '../conformance.js';
import { canFetch, crawlDelay, parseRobots, requestRate, siteMaps, type RobotsFile } from '../../../src/protocols/robots/index.js';

type PyError = { error: { type: string; message: string } };

interface LegacyCase {
  tag: string;
  name: string;
  text?: string;
  repeat?: [string, number];
  tail?: string;
  error?: PyError['error'];
  checks?: [string, string, boolean | PyError][];
  delays?: [string, number | null, [number, number] | null][];
  site_maps?: string[] | null;
}

const fixture = loadFixture<Fixture<LegacyCase>>('../robots/fixtures/robots-legacy.json');

function textOf(c: LegacyCase): string {
  return c.repeat ? c.repeat[0].repeat(c.repeat[1]) + (c.tail ?? '') : c.text!;
}

function answers(c: LegacyCase): unknown {
  let file: RobotsFile;
  try {
    file = parseRobots(textOf(c), { legacy: true });
  } catch (err) {
    return errorOutcome(err);
  }
  const checks = (c.checks ?? []).map(([agent, url]) => {
    try {
      return [agent, url, canFetch(file, agent, url).allowed];
    } catch (err) {
      return [agent, url, errorOutcome(err)];
    }
  });
  const delays = (c.delays ?? []).map(([agent]) => {
    const rate = requestRate(file, agent);
    return [agent, crawlDelay(file, agent), rate === null ? null : [rate.requests, rate.seconds]];
  });
  return { checks, delays, site_maps: siteMaps(file) };
}

conformance('robotparser 3.11 (--legacy)', fixture.cases, (c) => {
  const expected = c.error ? { error: c.error } : { checks: c.checks, delays: c.delays, site_maps: c.site_maps };
  return { input: c.repeat ? `${c.name}: ${c.repeat[1]} x ${JSON.stringify(c.repeat[0])}` : `${c.name}: ${c.text}`, expected, actual: answers(c) };
});
