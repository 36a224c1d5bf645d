// Admin lists' text search: words found in a name or description, ignoring case.

/** A Prisma `where` fragment: the name or the description contains `search` (nothing when it is blank). */
export function nameOrDescriptionContains(search: string | null | undefined) {
  const text = search?.trim();
  return text ? { OR: [{ name: { contains: text, mode: 'insensitive' as const } }, { description: { contains: text, mode: 'insensitive' as const } }] } : {};
}
