import { messageOf } from '@hospital/shared/api';
import { Button, Empty, Skeleton } from '@nutui/nutui-react-taro';
import { Image, Text, View } from '@tarojs/components';
import type { ReactNode } from 'react';
import emptyImage from '../../assets/empty.png';
import { useI18n } from '../../i18n';
import './index.css';

/** The picture of the empty and error states (one element, shared: React renders it wherever it is used). */
const illustration = <Image className="async-state__image" src={emptyImage} mode="aspectFit" />;

interface AsyncViewProps<T> {
  loading: boolean;
  error: unknown;
  data: T | undefined;
  onRetry: () => void;
  /** Treat the data as empty (shows `emptyText`). */
  isEmpty?: (data: T) => boolean;
  emptyText?: string;
  emptyAction?: ReactNode;
  rows?: number;
  children: (data: T) => ReactNode;
}

/** Loading (skeleton), error (message + retry), empty (local picture) or the content: never a white screen. */
export function AsyncView<T>(props: AsyncViewProps<T>) {
  const { loading, error, data, onRetry, isEmpty, emptyText, emptyAction, rows = 3, children } = props;
  const { t, locale } = useI18n();
  if (data === undefined && loading) {
    return (
      <View className="async-skeleton" aria-busy="true">
        <Skeleton rows={rows} animated />
      </View>
    );
  }
  if (data === undefined || (error && !loading)) {
    return (
      <View className="async-state" role="alert">
        <Empty
          image={illustration}
          title={t('common.loadFailed')}
          description={messageOf(error, locale)}
          size="small"
        />
        <Button type="primary" fill="outline" onClick={onRetry} className="async-state__retry">
          {t('common.retry')}
        </Button>
      </View>
    );
  }
  if (isEmpty?.(data)) return <EmptyState text={emptyText ?? t('common.empty')} action={emptyAction} />;
  return <>{children(data)}</>;
}

export function EmptyState({ text, action }: { text: string; action?: ReactNode }) {
  return (
    <View className="async-state">
      <Empty image={illustration} description={<Text>{text}</Text>} size="small" />
      {action}
    </View>
  );
}
