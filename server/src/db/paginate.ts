/** One page of a list and the total behind it, fetched together. */
export async function paginate<T>(
  page: number,
  pageSize: number,
  find: (args: { skip: number; take: number }) => Promise<T[]>,
  count: () => Promise<number>,
): Promise<{ items: T[]; total: number }> {
  const [items, total] = await Promise.all([find({ skip: (page - 1) * pageSize, take: pageSize }), count()]);
  return { items, total };
}
