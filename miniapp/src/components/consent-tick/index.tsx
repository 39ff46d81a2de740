import { Checkbox } from '@nutui/nutui-react-taro';
import type { ReactNode } from 'react';
import './index.css';

interface ConsentTickProps {
  checked: boolean;
  onChange: (checked: boolean) => void;
  /** The sentence agreed to, in the reader's language (with a link to the policy where one is needed). */
  label: ReactNode;
  className?: string;
}

/**
 * The box a patient ticks to agree (the privacy consent sheet, the SMS sign-in): the sentence at full size,
 * wrapped beside a large box, never squeezed (docs/decisions/020, 021).
 */
export function ConsentTick({ checked, onChange, label, className }: ConsentTickProps) {
  return (
    <Checkbox
      className={`consent-tick${className ? ` ${className}` : ''}`}
      checked={checked}
      onChange={onChange}
      label={label}
    />
  );
}
