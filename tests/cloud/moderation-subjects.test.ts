import { findAction } from '../../cloudfunctions/api/src/app/registry';
import { moderationSubject } from '../../cloudfunctions/api/src/moderation/screening';

// A cold instance whose first call is a moderation decision must know how to apply it to every kind of
// held text: the capabilities that register them load with moderation (app/registry.ts MODERATED).
test('the first moderation call of an instance knows every kind of held text', () => {
  expect(moderationSubject('duty')).toBeUndefined();
  expect(findAction('admin.moderation.approve')).toBeDefined();
  for (const kind of ['message', 'entry', 'duty'] as const) expect(moderationSubject(kind)).toBeDefined();
});
