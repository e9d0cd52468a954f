// Discipline forms for a member (glossary: Kỷ luật; QĐ69). `dismissal` (cách chức) applies to
// members holding a post; `dissolution` is for organizations and is not a member's discipline.
export const MEMBER_DISCIPLINE_FORMS = ['reprimand', 'warning', 'dismissal', 'expulsion'] as const;
export type DisciplineForm = (typeof MEMBER_DISCIPLINE_FORMS)[number];
