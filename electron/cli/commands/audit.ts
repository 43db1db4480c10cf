/** `portlens audit [--json]`: what the network can reach. Exit 1 when a warning-list service is exposed. */
import { hostPort } from '../../contract/reachability.js';
import { audit } from '../../core/diagnose/audit.js';
import { takeSnapshot } from '../../core/snapshot/default-pipeline.js';
import { parse } from '../args.js';
import { UsageError, type CliCommand } from '../io.js';

export const auditCommand: CliCommand = async (args, io) => {
  const { values, positionals } = parse(args, { json: { type: 'boolean' } }, true);
  if (positionals.length) throw new UsageError('audit takes no arguments');
  const report = await audit(await takeSnapshot());
  if (values.json) {
    io.stdout.write(`${JSON.stringify(report)}\n`);
  } else {
    const lines = [`${report.exposed.length} listener${report.exposed.length === 1 ? '' : 's'} reachable from the network (firewall: ${report.firewall})`];
    for (const e of report.exposed) {
      lines.push(`${e.warning ? '!' : ' '} ${(e.pid === null ? 'owner not visible' : `${e.name ?? '?'} (pid ${e.pid})`).padEnd(24)} ${`${hostPort(e.localAddress, e.localPort)}${e.protocol === 'udp' ? '/udp' : ''}`.padEnd(24)} ${e.reach}; firewall: ${e.firewall}`);
      if (e.warning) lines.push(`    warning: ${e.warning}`);
    }
    if (report.warnings) lines.push(`${report.warnings === 1 ? '1 exposed service should' : `${report.warnings} exposed services should`} not face the network: bind to 127.0.0.1, or block the port`);
    io.stdout.write(`${lines.join('\n')}\n`);
  }
  return report.warnings > 0 ? 1 : 0;
};
