/**
 * Who may do what. The table and its checks live in shared (`shared/src/policies.ts`) so the apps read the
 * same rules the server enforces; server code imports them from here.
 */
export {
  ACTIONS,
  type Action,
  can,
  departmentScope,
  describeAction,
  isAction,
  type PatientAction,
  POLICIES,
  type Policy,
  type PolicyResource as Resource,
  type PolicyScope as Scope,
  type PolicySubject as Subject,
  permissionsOf,
  scopeOf,
} from '@hospital/shared';
