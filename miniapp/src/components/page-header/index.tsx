import { Text, View } from '@tarojs/components';
import { config } from '../../config';
import './index.css';

interface PageHeaderProps {
  heading: string;
  line: string;
}

export function PageHeader({ heading, line }: PageHeaderProps) {
  return (
    <View className="page-header" style={{ backgroundColor: config.brandColor }}>
      <Text className="page-header__hospital">{config.hospitalName}</Text>
      <Text className="page-header__heading">{heading}</Text>
      <Text className="page-header__line">{line}</Text>
    </View>
  );
}
