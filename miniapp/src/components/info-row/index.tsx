import { Text, View } from '@tarojs/components';
import type { ReactNode } from 'react';
import './index.css';

/** A label and its value on one line, inside a card. */
export function InfoRow({ label, children }: { label: string; children: ReactNode }) {
  return (
    <View className="info-row">
      <Text className="info-row__label muted">{label}</Text>
      <View className="info-row__value">{children}</View>
    </View>
  );
}
