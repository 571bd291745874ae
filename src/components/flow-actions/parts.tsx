import type { PropsWithChildren } from 'react'
import { View, Text } from '@tarojs/components'
import type { FlowAction, InputOf, ReportDetail } from '@/contract'
import { Button } from '@/components/ui'
import type { FlowCall, FlowFailure, RunOptions } from '@/hooks/use-reports'

export interface FlowRunner {
  run: <A extends FlowCall>(action: A, input: InputOf<A>, options: RunOptions) => Promise<boolean>
  busy: FlowCall | null
  failure: FlowFailure | null
  clearFailure: () => void
}

export interface StepProps {
  report: ReportDetail
  flow: FlowRunner
  close: () => void
}

export function StepBox({ title, children, className }: PropsWithChildren<{ title: string; className?: string }>) {
  return (
    <View className={`flow-step${className ? ` ${className}` : ''}`}>
      <Text className='flow-step-title'>{title}</Text>
      {children}
    </View>
  )
}

export function StepError({ flow, actions }: { flow: FlowRunner; actions: FlowCall[] }) {
  const failure = flow.failure
  if (!failure || !actions.includes(failure.action)) return null
  // Already shown under its field.
  if (Object.values(failure.fields).includes(failure.message)) return null
  return <Text className='wm-error-text flow-error'>{failure.message}</Text>
}

export function ConfirmButton({ action, flow, label, onClick }: { action: FlowAction; flow: FlowRunner; label: string; onClick: () => void }) {
  const busy = flow.busy !== null
  return (
    <Button className={`flow-confirm action-${action}-confirm`} type='primary' block loading={busy} disabled={busy} onClick={onClick}>
      {label}
    </Button>
  )
}
