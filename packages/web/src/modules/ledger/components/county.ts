// The county of the signed-in account (for the link to its public closures page).
import { useOrgTree } from '../../orgs/orgs.api';

export function usePublicCountyId(): number | undefined {
  const tree = useOrgTree();
  const root = tree.data?.nodes.find((n) => n.id === tree.data?.rootId);
  if (!root) return undefined;
  return root.type === 'county' ? root.id : (root.countyId ?? undefined);
}
