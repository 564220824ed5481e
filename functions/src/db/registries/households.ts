import { registry } from '../registry';
import { bindingQueueOf, bindingsOfUser } from '../entities/binding';
import { membersOfSlice } from '../entities/membership';

/** 房屋绑定: binding requests and the members of households. */
export const households = registry('households', {
  bindingsOfUser,
  bindingQueue: bindingQueueOf,
  members: membersOfSlice,
});
