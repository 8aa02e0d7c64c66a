import { defineTool } from '../define';
import { out } from '../outputs';
import { param } from '../params';
import { users, userId } from './resource';

/** Zendesk's lowest password policy asks for 5 characters; shorter secrets could not be found and removed from echoes either. */
const MIN_PASSWORD = 5;

export const setUserPasswordTool = defineTool({
  id: 'zendesk_set_user_password',
  name: 'Set user password',
  resource: users.id,
  description:
    "Set a new password for a user as an admin, without knowing the old one, which stops working. Zendesk allows it only when the account lets " +
    'admins set passwords (a security setting only the account owner can turn on, off by default); otherwise it answers forbidden. The password ' +
    "must meet the account's rules: zendesk_get_user_password_requirements lists them. The password is a secret, typed by a person in a block, " +
    'on the command line or in code: it never appears in a result, error or log, and an AI agent can neither see nor set it, so agents cannot run this operation.',
  params: {
    userId: userId('Id of the user whose password to set, e.g. 12345.'),
    password: param.text(`The new password (at least ${MIN_PASSWORD} characters). A secret: never shown, logged or returned.`, {
      required: true,
      visibility: 'hidden',
      pattern: `^[\\s\\S]{${MIN_PASSWORD},}$`,
      mustBe: `must be at least ${MIN_PASSWORD} characters, the least any Zendesk password policy allows (zendesk_get_user_password_requirements gives this account's rules)`,
    }),
  },
  // Zendesk answers 200 with nothing. Not replayed after a lost answer: a repeat may be refused as a reused password.
  request: (p) => ({ method: 'POST', path: ['users', p.userId, 'password'], body: { password: p.password }, emptyAnswer: true }),
  outputs: {
    password_set: out.boolean('True once Zendesk accepted the new password'),
    user_id: out.number('Id of the user'),
  },
  output: (_response, p) => ({ password_set: true, user_id: p.userId }),
  result: { kind: 'single' },
  // The old password is gone for good.
  hints: { readOnly: false, destructive: true, idempotent: false },
});
