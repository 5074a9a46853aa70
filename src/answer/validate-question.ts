/** Longest question accepted, in characters: longer ones are pasted articles, not questions. */
export const MAX_QUESTION_LENGTH = 1000;

/** Why a question cannot be answered as asked, in words for the person who asked; null when fine. */
export function questionProblem(question: string): string | null {
  const q = question.trim();
  if (q === '') return 'Bạn chưa nhập câu hỏi. Hãy hỏi, ví dụ: "FDI của Hải Phòng tăng bao nhiêu?"';
  if (q.length > MAX_QUESTION_LENGTH) return `Câu hỏi quá dài (${q.length} ký tự; tối đa ${MAX_QUESTION_LENGTH}). Hãy hỏi ngắn gọn hơn.`;
  if (!/[\p{L}\p{N}]/u.test(q))
    return 'Câu hỏi chưa có chữ nào để tìm. ' + 'Hãy hỏi bằng một câu, ví dụ: "Hải Phòng thu hút FDI bao nhiêu?"';
  return null;
}
