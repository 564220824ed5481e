import { identityApi } from '@linli/shared';
import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import type { MeView } from '@linli/shared';
import { call } from '@/api';
import { useSubmit } from '@/hooks/useSubmit';
import { Dialog } from '@/components/Dialog/Dialog';
import { TextField } from '@/components/Field/TextField';
import { useSession } from '@/session/SessionProvider';
import { Photo } from '@/components/Photo/Photo';

/** Avatar, nickname and masked phone, with an edit dialog that shows the server's field messages. */
export function ProfileCard({ me }: { me: MeView }) {
  const session = useSession();
  const [editing, setEditing] = useState(false);
  const [nickname, setNickname] = useState(me.nickname);
  const [phone, setPhone] = useState('');
  const { submit, busy, errors, error, reset } = useSubmit(async (body: { nickname?: string; phone?: string }) => {
    session.setMe(await call(identityApi.updateMe, { body }));
    setEditing(false);
    void Taro.showToast({ title: '已保存', icon: 'success' });
  });
  const formError = Object.keys(errors).length ? undefined : error;

  const open = () => {
    setNickname(me.nickname);
    setPhone('');
    reset();
    setEditing(true);
  };

  const save = async () => {
    const body: { nickname?: string; phone?: string } = {};
    if (nickname.trim() !== me.nickname) body.nickname = nickname;
    if (phone.trim()) body.phone = phone;
    if (!Object.keys(body).length) {
      setEditing(false);
      return;
    }
    await submit(body);
  };

  return (
    <View className="me__profile" data-testid="me-profile">
      {me.avatarUrl ? (
        <Photo className="me__avatar" src={me.avatarUrl} alt="头像" />
      ) : (
        <Text className="me__avatar me__avatar--initial">{me.nickname.slice(0, 1) || '邻'}</Text>
      )}
      <View className="me__identity">
        <Text className="me__nickname" data-testid="me-nickname">
          {me.nickname}
        </Text>
        <Text className="me__phone" data-testid="me-phone">
          {me.phoneMasked ? `手机 ${me.phoneMasked}` : '未填写手机号'}
        </Text>
        {/* Staff appoint people by this number when they are not bound residents (e.g. a new 网格员). */}
        <Text className="me__phone" data-testid="me-user-id" userSelect>
          用户编号 {me.userId}
        </Text>
      </View>
      <Text className="me__edit" onClick={open} data-testid="me-edit-profile">
        编辑
      </Text>

      <Dialog
        open={editing}
        title="编辑资料"
        confirmText="保存"
        busy={busy}
        onConfirm={() => void save()}
        onCancel={() => setEditing(false)}
        testId="profile-dialog"
      >
        <TextField
          label="昵称"
          value={nickname}
          onChange={setNickname}
          type="nickname"
          maxLength={20}
          error={errors['body.nickname']}
          testId="field-nickname"
          inputTestId="input-nickname"
        />
        <TextField
          label="手机号"
          value={phone}
          onChange={setPhone}
          type="number"
          maxLength={11}
          placeholder={me.phoneMasked ? `当前 ${me.phoneMasked}，不改可留空` : '便于网格员联系您'}
          hint="仅经授权的社区工作人员可见完整号码"
          error={errors['body.phone']}
          testId="field-phone"
          inputTestId="input-phone"
        />
        {formError && (
          <Text className="me__form-error" aria-live="assertive">
            {formError}
          </Text>
        )}
      </Dialog>
    </View>
  );
}
