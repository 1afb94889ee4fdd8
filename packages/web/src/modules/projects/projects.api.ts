// 项目化推进 API hooks: the list (filters as URL state), a project, the board and the matrix, and
// the changes — each refreshes every projects view (and the home page's items).
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  AddMilestoneBody, ClaimRoleBody, CreateProjectBody, ExcellentBody, FireProjectBody, LinkProjectBody, MilestoneDoneBody,
  ProjectBoardQuery, ProjectListQuery, ProjectMatrixQuery, ProjectTransition, UpdateProjectBody,
} from '@lianxin/contract';
import { api } from '../../app/api';

export const projectKeys = {
  all: ['projects'] as const,
  list: (q: ProjectListQuery) => [...projectKeys.all, 'list', q] as const,
  detail: (id: number) => [...projectKeys.all, 'detail', id] as const,
  board: (q: ProjectBoardQuery) => [...projectKeys.all, 'board', q] as const,
  matrix: (q: ProjectMatrixQuery) => [...projectKeys.all, 'matrix', q] as const,
};

function clean<T extends object>(q: T): T {
  return Object.fromEntries(Object.entries(q).filter(([, v]) => v !== undefined && v !== '')) as T;
}

// monthly reports are answered on the dispatch engine's pages: a project view refetches whenever it is shown
const fresh = { refetchOnMount: 'always' as const };
export const useProjects = (q: ProjectListQuery) =>
  useQuery({ queryKey: projectKeys.list(q), queryFn: () => api.get('/api/projects', clean(q)), placeholderData: keepPreviousData, ...fresh });
export const useProject = (id: number) => useQuery({ queryKey: projectKeys.detail(id), queryFn: () => api.get(`/api/projects/${id}`), ...fresh });
export const useProjectBoard = (q: ProjectBoardQuery) => useQuery({ queryKey: projectKeys.board(q), queryFn: () => api.get('/api/projects/board', clean(q)), ...fresh });
export const useProjectMatrix = (q: ProjectMatrixQuery) => useQuery({ queryKey: projectKeys.matrix(q), queryFn: () => api.get('/api/projects/matrix', clean(q)) });

function useRefresh() {
  const client = useQueryClient();
  return async () => {
    await Promise.all([client.invalidateQueries({ queryKey: projectKeys.all }), client.invalidateQueries({ queryKey: ['home'] })]);
  };
}

export function useCreateProject() {
  const onSuccess = useRefresh();
  return useMutation({ mutationFn: (body: CreateProjectBody) => api.post('/api/projects', body), onSuccess });
}
export function useUpdateProject(id: number) {
  const onSuccess = useRefresh();
  return useMutation({ mutationFn: (body: UpdateProjectBody) => api.patch(`/api/projects/${id}`, body), onSuccess });
}
export function useFireProject(id: number) {
  const onSuccess = useRefresh();
  return useMutation({ mutationFn: ({ transition, ...body }: FireProjectBody & { transition: ProjectTransition }) => api.post(`/api/projects/${id}/transitions/${transition}`, body), onSuccess });
}
export function useAddMilestone(id: number) {
  const onSuccess = useRefresh();
  return useMutation({ mutationFn: (body: AddMilestoneBody) => api.post(`/api/projects/${id}/milestones`, body), onSuccess });
}
export function useMilestoneDone(id: number) {
  const onSuccess = useRefresh();
  return useMutation({ mutationFn: ({ milestoneId, ...body }: MilestoneDoneBody & { milestoneId: number }) => api.post(`/api/projects/${id}/milestones/${milestoneId}/done`, body), onSuccess });
}
export function useClaimRole(id: number) {
  const onSuccess = useRefresh();
  return useMutation({ mutationFn: (body: ClaimRoleBody) => api.post(`/api/projects/${id}/members`, body), onSuccess });
}
export function useLinkProject(id: number) {
  const onSuccess = useRefresh();
  return useMutation({ mutationFn: (body: LinkProjectBody) => api.post(`/api/projects/${id}/links`, body), onSuccess });
}
export function useExcellent(id: number) {
  const onSuccess = useRefresh();
  return useMutation({ mutationFn: (body: ExcellentBody) => api.post(`/api/projects/${id}/excellent`, body), onSuccess });
}
export function useUploadProjectFile(id: number) {
  const onSuccess = useRefresh();
  return useMutation({
    mutationFn: (file: File) => {
      const form = new FormData();
      form.append('file', file, file.name);
      return api.upload(`/api/projects/${id}/attachments`, form);
    },
    onSuccess,
  });
}
