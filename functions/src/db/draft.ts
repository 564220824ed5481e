/** An item as a service builds it before writing: the table adds the created/modified timestamps. */
export type Draft<T> = Omit<T, 'created' | 'modified'>;
