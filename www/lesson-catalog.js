// The lessons' code and data, one chunk loaded on the first lesson opened (see on-demand.js,
// element-lessons.js): the shipped
// lessons (www/lessons/*.json, read through lesson-format.js), the reader of an author's lesson,
// a step's layout and settings, and the challenges' checks.
import { LESSON_DOCUMENTS } from './lesson-data.js';
import { readLesson } from './lesson-format.js';

export { readLesson } from './lesson-format.js';
export { describe, judge } from './challenge.js';
export { applyLessonStep, stepLayout } from './lesson-step.js';

/** @type {import('./lesson-format.js').Lesson[]} */
export const LESSONS = LESSON_DOCUMENTS.map((doc) => {
  const { lesson, errors } = readLesson(doc, `the shipped lesson ${doc.id}`);
  if (!lesson) throw new Error(errors.map((e) => e.message).join('; '));
  return lesson;
});
