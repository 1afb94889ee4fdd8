-- Issue 14 (orglife14): a person registered directly at a party group's node (the form or a roster
-- row could name "榆舍村/第一党小组" as the organization) was nobody's member: every reader of a
-- branch's members (the roster to tick, the group's members, a meeting's expected count, the
-- branch's member count) asks for org_id = the branch. From now on the people service stores such a
-- person at the branch with the group set (preparePerson); this moves the people already stored at a
-- group the same way. No one changes branch or group: the record says what it meant. A group that
-- was dissolved leaves its people in the branch in no group. org_person_counts follows by its trigger.
UPDATE persons p
   SET org_id = b.id, org_path = b.path,
       party_group_id = CASE WHEN g.status = 'active' THEN g.id END,
       version = p.version + 1, updated_at = now()
  FROM orgs g JOIN orgs b ON b.id = g.parent_id
 WHERE p.org_id = g.id AND g.type = 'party_group';

-- a reserve cadre carries the org of the person when added to the pool
UPDATE reserve_cadres r
   SET org_id = b.id, org_path = b.path
  FROM orgs g JOIN orgs b ON b.id = g.parent_id
 WHERE r.org_id = g.id AND g.type = 'party_group';
