import { pickAndUploadPhotos } from '../../../../services/upload';

// The delegate editor of 代表管理: name, title, group, station, bio and photo. It keeps the draft
// and uploads the photo; the page saves what `save` hands it (detail: the draft) and closes it on `cancel`.

export interface DelegateDraft {
  id: string;
  name: string;
  title: string;
  bio: string;
  /** The photo's file ID in cloud storage, and what the form shows for it. */
  photo: string;
  photoPreview: string;
  groupIndex: number;
  stationIndex: number;
}

Component({
  options: { addGlobalClass: true },
  properties: {
    /** The delegate to edit (an empty draft for a new one). */
    form: { type: Object, value: {} },
    groups: { type: Array, value: [] },
    stations: { type: Array, value: [] },
    saving: { type: Boolean, value: false },
    /** The server's refusals by field (name, title, groupId, stationId, bio, photo), each shown under its field. */
    fieldErrors: { type: Object, value: {} },
  },
  data: { draft: {} as DelegateDraft, uploading: false },
  observers: {
    form(form: DelegateDraft) {
      this.setData({ draft: { ...form } });
    },
  },
  methods: {
    onField(event: WechatMiniprogram.CustomEvent<{ value: string }>) {
      const field = String(event.currentTarget.dataset.field);
      this.setData({ [`draft.${field}`]: event.detail.value });
      this.triggerEvent('edit', { field });
    },
    onPick(event: WechatMiniprogram.PickerChange) {
      const field = String(event.currentTarget.dataset.field);
      this.setData({ [`draft.${field}`]: Number(event.detail.value) });
      // The picker holds an index; the server names the id it stands for.
      this.triggerEvent('edit', { field: field === 'groupIndex' ? 'groupId' : 'stationId' });
    },
    async onChoosePhoto() {
      const draft = this.data.draft as DelegateDraft;
      if (this.data.uploading) return;
      // A new name per upload, so phones that cached the old picture show the new one.
      const path = () => `delegates/${draft.id || 'new'}-${Date.now().toString(36)}.jpg`;
      const [photo] = await pickAndUploadPhotos(1, path, () => this.setData({ uploading: true }));
      this.setData({ uploading: false, ...(photo ? { 'draft.photo': photo.fileID, 'draft.photoPreview': photo.preview } : {}) });
      if (photo) this.triggerEvent('edit', { field: 'photo' });
    },
    onSave() {
      this.triggerEvent('save', { draft: this.data.draft });
    },
    onCancel() {
      this.triggerEvent('cancel');
    },
  },
});
