/*
 * A seat's voter key: the household (一户一票), the owner, or the person. 民生微实事 keys its ballots the
 * same way; the keys live apart from the seat rules so the budget Lambda does not bundle 议事厅's topic
 * entity with them.
 */
export const householdKey = (unitId: string) => `U_${unitId}`;
export const ownerKey = (ownerId: string) => `O_${ownerId}`;
export const personKey = (userId: string) => `P_${userId}`;
