// The robots.txt engine: parse (legacy CPython 3.11 or RFC 9309), check, lint. Pure:
// no I/O, no printing; the CLI (src/commands/robots/) fetches and formats.
export { parseRobots, robotsForStatus, type ParseRobotsOptions, type RequestRate, type RobotsFile, type RobotsGroup, type RobotsMode, type RobotsRule, type RobotsSitemap } from './parse.js';
export { canFetch, crawlDelay, findGroup, requestRate, siteMaps, type FetchVerdict } from './check.js';
export { lintRobots, ROBOTS_SIZE_LIMIT, type RobotsWarning, type RobotsWarningCode } from './lint.js';
