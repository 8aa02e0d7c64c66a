import { defineTool, DELETES } from '../define';
import { out } from '../outputs';
import { organizations, organizationId } from './resource';

export const deleteOrganizationTool = defineTool({
  id: 'zendesk_delete_organization',
  name: 'Delete organization',
  resource: organizations.id,
  description:
    'Delete one organization. Cannot be undone; its users and tickets are not deleted. To change an organization instead use zendesk_update_organization.',
  params: {
    organizationId: organizationId('Id of the organization to delete, e.g. 360001234.'),
  },
  request: (p) => ({ method: 'DELETE', path: ['organizations', p.organizationId] }),
  outputs: { deleted: out.boolean('True once the organization is deleted'), organization_id: out.string('Id of the deleted organization') },
  output: (_response, p) => ({ deleted: true, organization_id: String(p.organizationId) }),
  result: { kind: 'single' },
  hints: DELETES,
});
