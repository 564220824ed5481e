import { volunteerRoutes } from '@linli/shared';
import { httpApi, type Handlers } from '../http/api';
import { cancelActivity, createActivity, getActivity, listActivities, updateActivity } from './activities';
import { attendanceCode, recordAttendance, scanVolunteerPass } from './attendance';
import { volunteerPass } from './attendanceCodes';
import { reviewHours, roster } from './hoursReview';
import { honours, myVolunteering } from './recognition';
import { cancelSignUp, removeRegistration, signUp } from './registrations';
import { createTeam, decideTeamMember, joinTeam, listTeamMembers, listTeams, setTeamLeader } from './teams';

/** 志愿服务: activities and sign-ups, attendance codes, the organiser's roster and review of hours, teams, recognition. */
export const volunteerHandlers = (): Handlers<typeof volunteerRoutes> => ({
  listActivities: ({ principal, params, query, now }) => listActivities({ ...params, principal, query, now }),
  getActivity: ({ principal, params, now }) => getActivity({ ...params, principal, now }),
  createActivity: ({ principal, params, body, now }) => createActivity({ ...params, principal, input: body, now }),
  updateActivity: ({ principal, params, body, now }) => updateActivity({ ...params, principal, patch: body, now }),
  signUp: ({ user, principal, params, now }) => signUp({ ...params, user: user!, principal, now }),
  cancelSignUp: ({ principal, params, now }) => cancelSignUp({ ...params, principal, now }),
  cancelActivity: ({ principal, params, body, now }) =>
    cancelActivity({ ...params, principal, reason: body.reason, now }),
  removeRegistration: ({ principal, params, body, now }) =>
    removeRegistration({ ...params, principal, reason: body.reason, now }),
  recordAttendance: ({ principal, params, body, now }) =>
    recordAttendance({ ...params, principal, code: body.code, now }),
  attendanceCode: ({ principal, params, now }) => attendanceCode({ ...params, principal, now }),
  scanVolunteerPass: ({ principal, params, body, now }) =>
    scanVolunteerPass({ ...params, principal, pass: body.pass, now }),
  roster: ({ principal, params, now }) => roster({ ...params, principal, now }),
  reviewHours: ({ principal, params, body, now }) => reviewHours({ ...params, principal, decision: body, now }),
  myVolunteering: ({ principal, params, now }) => myVolunteering(principal, params.communityId, now),
  myPass: ({ principal, params, now }) => volunteerPass(params.communityId, principal.userId, now),
  honours: ({ params, query, now }) => honours(params.communityId, query.month, now),
  listTeams: ({ principal, params }) => listTeams(principal, params.communityId),
  createTeam: ({ principal, params, body, now }) => createTeam({ ...params, principal, input: body, now }),
  joinTeam: ({ user, params, now }) => joinTeam({ ...params, user: user!, now }),
  listTeamMembers: ({ principal, params }) => listTeamMembers(principal, params.communityId, params.teamId),
  decideTeamMember: ({ principal, params, body, now }) =>
    decideTeamMember({ ...params, principal, decision: body.decision, now }),
  setTeamLeader: ({ principal, params, body, now }) =>
    setTeamLeader({ ...params, principal, userId: body.userId, now }),
});

export const handler = httpApi(volunteerRoutes, volunteerHandlers());
