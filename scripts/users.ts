/**
 * npm run users -- add <name> --clearance <level>   (password from stdin)
 *                  set-clearance <name> --clearance <level>
 *                  remove <name>
 *                  list
 */
import { AccountStore, clearanceSchema, usernameSchema } from '../src/access/accounts.ts';
import { openAuditTrail, type AuditFields } from '../src/access/audit.ts';
import { parseCli, runScript, UsageError } from '../src/cli/args.ts';
import { loadConfig } from '../src/config/env.ts';
import { CLASSIFICATIONS } from '../src/schema/document.ts';
import { parseWithFriendlyErrors } from '../src/schema/validate.ts';

const USAGE = `Usage:
  npm run users -- add <name> --clearance <level>     creates or updates an account; the password is read from stdin
  npm run users -- set-clearance <name> --clearance <level>
  npm run users -- remove <name>
  npm run users -- list
Levels: ${CLASSIFICATIONS.join(', ')}. Accounts live in DATA_DIR.`;

/** The password: all of stdin without its final line break. */
async function readPassword(): Promise<string> {
  if (process.stdin.isTTY) console.error('Type the password, then Enter and Ctrl-D:');
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks)
    .toString('utf8')
    .replace(/\r?\n$/, '');
}

runScript(USAGE, async () => {
  const { values, positionals } = parseCli(
    process.argv.slice(2),
    { clearance: { type: 'string' } },
    true,
  );
  const [command, name, ...extra] = positionals;
  if (extra.length > 0) throw new UsageError(`Unexpected arguments: ${extra.join(' ')}`);
  const clearance = () => {
    if (!values.clearance) throw new UsageError(`${String(command)}: --clearance is required`);
    return parseWithFriendlyErrors(clearanceSchema, values.clearance, '--clearance');
  };
  const needName = () => {
    if (!name) throw new UsageError(`${String(command)}: the account name is missing`);
    return parseWithFriendlyErrors(usernameSchema, name, 'username');
  };
  const config = loadConfig();
  const { dataDir } = config;
  const store = new AccountStore(dataDir);
  // Changes to who may see what belong in the trail beside the reads they allow.
  const audit = (fields: Omit<AuditFields, 'event'>) =>
    openAuditTrail(config).record({ event: 'account', ...fields });
  try {
    switch (command) {
      case 'add': {
        const account = needName();
        const level = clearance();
        const outcome = await store.put(account, await readPassword(), level);
        await audit({ user: account, outcome, clearance: level });
        console.log(`${outcome === 'created' ? 'Created' : 'Updated'} ${account} (${level})`);
        return 0;
      }
      case 'set-clearance': {
        const level = clearance();
        if (!store.setClearance(needName(), level)) return notFound(needName());
        await audit({ user: needName(), outcome: 'clearance-changed', clearance: level });
        console.log(`${needName()} now has clearance ${level}`);
        return 0;
      }
      case 'remove':
        if (!store.remove(needName())) return notFound(needName());
        await audit({ user: needName(), outcome: 'removed' });
        console.log(`Removed ${needName()}`);
        return 0;
      case 'list':
        for (const account of store.list()) {
          console.log(`${account.name}\t${account.clearance}\tcreated ${account.created}`);
        }
        return 0;
      default:
        throw new UsageError(command ? `Unknown command: ${command}` : 'A command is required');
    }
  } finally {
    store.close();
  }
});

function notFound(name: string): number {
  console.error(`No account named ${name}`);
  return 1;
}
